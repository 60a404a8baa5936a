#include "core/events/hub.h"

#include "core/enum_names.h"

namespace rtc::events {

void Hub::store(std::shared_ptr<List> next) {
    unsigned topics = 0;
    for (const auto& e : *next) topics |= e.topics;
    count_.store(next->size(), std::memory_order_release);
    topics_.store(topics, std::memory_order_release);
    std::atomic_store(&list_, std::shared_ptr<const List>(std::move(next)));
    static std::atomic<std::uint64_t> versions{0};
    version_.store(versions.fetch_add(1, std::memory_order_relaxed) + 1, std::memory_order_release);
}

Hub::Id Hub::subscribe(std::shared_ptr<Subscriber> subscriber, unsigned topics) {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_.load(std::memory_order_acquire)) {
        subscriber->on_close();
        return 0;
    }
    auto next = std::make_shared<List>(*std::atomic_load(&list_));
    const Id id = next_id_++;
    next->push_back({id, topics, std::move(subscriber)});
    store(std::move(next));
    return id;
}

void Hub::unsubscribe(Id id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto next = std::make_shared<List>(*std::atomic_load(&list_));
    for (auto it = next->begin(); it != next->end(); ++it) {
        if (it->id != id) continue;
        next->erase(it);
        break;
    }
    store(std::move(next));
}

void Hub::publish(const Event& event) const {
    const unsigned topic = 1u << event.index();
    if ((topics_.load(std::memory_order_acquire) & topic) == 0) return;
    // The list changes when a stream comes or goes; a publisher reads it again only then.
    thread_local std::uint64_t seen = 0;
    thread_local std::shared_ptr<const List> list;
    const std::uint64_t version = version_.load(std::memory_order_acquire);
    if (version != seen || !list) {
        list = std::atomic_load(&list_);
        seen = version;
    }
    for (const auto& e : *list)
        if (e.topics & topic) e.subscriber->on_event(event);
}

void Hub::close() {
    std::shared_ptr<const List> list;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (closed_.exchange(true)) return;
        list = std::atomic_load(&list_);
    }
    for (const auto& e : *list) e.subscriber->on_close();
}

namespace {
constexpr EnumName<TaskFamily> kFamilies[] = {{TaskFamily::Webcast, "Webcast"},
                                              {TaskFamily::WbRecord, "WBRecord"}};
constexpr EnumName<TaskStep> kSteps[] = {{TaskStep::Started, "Started"},
                                         {TaskStep::PageOpened, "PageOpened"},
                                         {TaskStep::StartCalled, "StartCalled"},
                                         {TaskStep::FirstFrame, "FirstFrame"},
                                         {TaskStep::Check, "Check"},
                                         {TaskStep::StartTimeout, "StartTimeout"},
                                         {TaskStep::Refreshed, "Refreshed"},
                                         {TaskStep::Rescheduled, "Rescheduled"},
                                         {TaskStep::PageNote, "PageNote"},
                                         {TaskStep::Ended, "Ended"}};
}  // namespace

const char* to_string(TaskFamily family) {
    return name_of(kFamilies, family);
}

const char* to_string(TaskStep step) {
    return name_of(kSteps, step);
}

}  // namespace rtc::events
