#include "pages/page_recording.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace rtc::pages {

namespace {

// Frames one tick may encode. A tick comes once a frame interval, so more than one or two due frames means
// the thread was late or the encoder slow: the older ones are dropped rather than encoded late.
constexpr std::size_t kFramesPerTick = 3;

}  // namespace

PageRecording::PageRecording(std::string path, std::shared_ptr<const Clock> clock, TimeMs started,
                             int frame_rate)
    : path_(std::move(path)),
      clock_(std::move(clock)),
      started_(started),
      interval_ms_(1000 / std::max(1, frame_rate)),
      schedule_(started, frame_rate) {}

std::shared_ptr<PageRecording> PageRecording::start(const std::string& path, const recording::VideoSpec& spec,
                                                    std::shared_ptr<const Clock> clock,
                                                    std::shared_ptr<const recording::Picture> first,
                                                    std::function<void()> want_frame,
                                                    std::function<void()> ended) {
    const TimeMs now = clock->now_ms();
    std::shared_ptr<PageRecording> rec(new PageRecording(path, std::move(clock), now, spec.frame_rate));
    std::string error;
    rec->recorder_ = recording::open_recorder(path, spec, &error);
    if (!rec->recorder_) {
        rec->error_ = error;
        rec->finished_ = true;
        rec->end_ = now;
        if (ended) ended();
        return rec;
    }
    if (first) rec->schedule_.show(now, std::move(first));
    rec->thread_ = std::thread([r = rec.get(), want_frame = std::move(want_frame), ended = std::move(ended)] {
        r->run(want_frame, ended);
    });
    return rec;
}

PageRecording::~PageRecording() {
    mark_end();
    if (!thread_.joinable()) return;
    // The last owner may let go on the encoder thread itself (in `ended`): it has nothing left to do.
    if (thread_.get_id() == std::this_thread::get_id())
        thread_.detach();
    else
        thread_.join();
}

void PageRecording::show(std::shared_ptr<const recording::Picture> picture) {
    const TimeMs now = clock_->now_ms();
    std::lock_guard<std::mutex> lock(mu_);
    if (end_ < 0) schedule_.show(now, std::move(picture));
}

void PageRecording::mark_end() {
    const TimeMs now = clock_->now_ms();
    std::lock_guard<std::mutex> lock(mu_);
    if (end_ < 0) end_ = std::max(now, started_);
    cv_.notify_all();
}

void PageRecording::stop() {
    mark_end();
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return finished_; });
}

void PageRecording::run(std::function<void()> want_frame, std::function<void()> ended) {
    // Ticks on the mock's clock: frame k's tick is when it falls due, however late the previous one was.
    std::int64_t tick = 1;
    for (;;) {
        std::vector<recording::ScheduledFrame> due;
        {
            std::unique_lock<std::mutex> lock(mu_);
            const TimeMs next = schedule_.due_at(tick);
            const TimeMs wait = next - clock_->now_ms();
            if (end_ < 0 && wait > 0)
                cv_.wait_for(lock, std::chrono::milliseconds(wait), [&] { return end_ >= 0; });
            if (end_ >= 0) break;
            const TimeMs now = clock_->now_ms();
            if (now < next) continue;  // woke early
            tick = schedule_.last_due(now) + 1;
            due = schedule_.take_due(now, kFramesPerTick);
        }
        if (want_frame) want_frame();  // the picture of the next frame; it arrives through show()
        encode(due);
    }
    std::vector<recording::ScheduledFrame> last;
    {
        std::lock_guard<std::mutex> lock(mu_);
        last = schedule_.take_before(end_ + 1, kFramesPerTick);
    }
    encode(last);
    {
        std::lock_guard<std::mutex> file(file_mu_);
        if (!recorder_->finish()) {
            std::lock_guard<std::mutex> lock(mu_);
            error_ = recorder_->error();
        }
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        finished_ = true;
        cv_.notify_all();
    }
    if (ended) ended();
}

void PageRecording::encode(const std::vector<recording::ScheduledFrame>& frames) {
    for (const auto& f : frames) {
        if (!f.picture) continue;
        if (!recorder_->add(*f.picture, f.index) && recorder_->failed()) {
            std::lock_guard<std::mutex> lock(mu_);
            error_ = recorder_->error();
        }
    }
}

std::string PageRecording::read() const {
    std::lock_guard<std::mutex> file(file_mu_);
    std::ifstream in(path_, std::ios::binary);
    if (!in) return {};
    std::ostringstream out;
    if (recorder_ && !recorder_->finished()) {
        // Only what a finished write left: a block in progress would cut the file inside a frame.
        std::string bytes(static_cast<std::size_t>(std::max<std::int64_t>(0, recorder_->bytes_written())),
                          '\0');
        in.read(&bytes[0], static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(in.gcount()));
        return bytes;
    }
    out << in.rdbuf();
    return out.str();
}

std::int64_t PageRecording::bytes() const {
    return recorder_ ? recorder_->bytes_written() : 0;
}

bool PageRecording::ended() const {
    std::lock_guard<std::mutex> lock(mu_);
    return finished_;
}

nlohmann::json PageRecording::describe() const {
    nlohmann::json j = {{"Path", path_}, {"StartedAt", started_}};
    std::lock_guard<std::mutex> lock(mu_);
    const bool failed = !error_.empty();
    j["State"] = failed ? "failed" : finished_ ? "finished" : "recording";
    if (end_ >= 0) j["EndedAt"] = end_;
    j["FramesEncoded"] = recorder_ ? recorder_->frames_encoded() : 0;
    j["FramesDropped"] = schedule_.dropped() + (recorder_ ? recorder_->frames_dropped() : 0);
    j["Bytes"] = bytes();
    if (failed) j["Error"] = error_;
    return j;
}

}  // namespace rtc::pages
