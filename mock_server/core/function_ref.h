// A non-owning reference to a callable, for callbacks that are called before the call that takes them
// returns (a state engine's transition step): no allocation, unlike std::function. The callable must outlive
// the FunctionRef, so never store one.
#pragma once

#include <type_traits>
#include <utility>

namespace rtc {

template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
  public:
    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef> &&
                                                      std::is_invocable_r_v<R, F&, Args...>>>
    FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): passed like a lambda
        : object_(const_cast<void*>(static_cast<const void*>(&f))),
          call_(&invoke<std::remove_reference_t<F>>) {}

    R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

  private:
    template <typename F>
    static R invoke(void* object, Args... args) {
        return (*static_cast<F*>(object))(std::forward<Args>(args)...);
    }

    void* object_;
    R (*call_)(void*, Args...);
};

}  // namespace rtc
