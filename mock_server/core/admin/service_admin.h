// The admin front door in process: every operation of admin.h over the mock's parts. MockService::admin()
// returns it; the HTTP routes translate to it.
#pragma once

#include "core/admin/admin.h"

namespace rtc {
class ServiceParts;
}

namespace rtc::admin {

class ServiceAdmin final : public LiveAdmin {
  public:
    explicit ServiceAdmin(ServiceParts& parts) : p_(parts) {}

    Reply health() override;
    Reply ready() override;
    Reply reset() override;
    Reply clock() override;
    Reply advance_clock(double seconds) override;
    Reply requests(const JournalFilter& filter) override;
    Reply request(std::uint64_t seq) override;
    Reply count_requests(const JournalFilter& filter) override;
    Reply verify_requests(const JournalFilter& filter, const CountBounds& bounds) override;
    Reply clear_requests() override;
    Reply add_fault(const nlohmann::json& rule) override;
    Reply faults() override;
    Reply fault(const std::string& id) override;
    Reply remove_fault(const std::string& id) override;
    Reply clear_faults() override;
    Reply deliveries(const callbacks::AttemptQuery& query) override;
    Reply resend(const std::string& delivery_id) override;
    Reply app_callback(const std::string& app_id, const std::string& business_id) override;
    Reply put_app_callback(const std::string& app_id, const std::string& business_id,
                           const nlohmann::json& callback) override;
    Reply delete_app_callback(const std::string& app_id, const std::string& business_id) override;
    Reply test_callback(const std::string& app_id, const std::string& business_id,
                        const nlohmann::json& body) override;
    Reply apps() override;
    Reply app(const std::string& app_id) override;
    Reply change_app(const std::string& app_id, const nlohmann::json& change) override;
    Reply tasks() override;
    Reply page_event(const webcast::TaskKey& key, const std::string& event) override;
    Reply task_events(const std::string& family, const webcast::TaskKey& key) override;
    Screenshot screenshot(const webcast::TaskKey& key) override;
    Recording recording(const webcast::TaskKey& key) override;
    Reply export_state() override;
    Reply import_state(const nlohmann::json& document) override;
    Reply state() override;
    std::string metrics() override;

    events::Hub::Id subscribe(std::shared_ptr<events::Subscriber> subscriber, unsigned topics) override;
    void unsubscribe(events::Hub::Id id) override;
    bool closing() const override;
    TimeMs now() const override;
    bool virtual_clock() const override;
    std::vector<std::string> actions() const override;
    std::size_t stored_tasks() const override;
    std::string state_engine() const override;
    bool shared_state() const override;
    JournalPage journal_after(std::uint64_t since, std::size_t limit) override;
    std::uint64_t journal_newest_seq() override;

  private:
    // The app named by a callback route, and its BusinessId (the ID rule): the failure when either is wrong.
    std::optional<Reply> check_callback_target(const std::string& app_id,
                                               const std::string& business_id) const;
    nlohmann::json app_callback_json(const std::string& app_id, const std::string& business_id) const;

    ServiceParts& p_;
};

}  // namespace rtc::admin
