#include "recording/ffmpeg/webm_recorder.h"

#include <utility>

#include "recording/ffmpeg/rgba_scaler.h"
#include "recording/ffmpeg/vp8_encoder.h"
#include "recording/ffmpeg/webm_writer.h"

namespace rtc::recording {

struct WebmRecorder::Parts {
    std::unique_ptr<Vp8Encoder> encoder;
    std::unique_ptr<WebmWriter> writer;
    RgbaScaler scaler;
};

std::unique_ptr<WebmRecorder> WebmRecorder::open(const std::string& path, const VideoSpec& spec,
                                                 std::string* error) {
    std::string why = check_spec(spec);
    if (!why.empty()) {
        *error = "video spec: " + why;
        return nullptr;
    }
    auto parts = std::make_unique<Parts>();
    parts->encoder = Vp8Encoder::open(spec, error);
    if (!parts->encoder) return nullptr;
    parts->writer = WebmWriter::open(path, parts->encoder->context(), error);
    if (!parts->writer) return nullptr;
    std::unique_ptr<WebmRecorder> r(new WebmRecorder(spec, std::move(parts)));
    r->bytes_ = r->parts_->writer->bytes();
    return r;
}

WebmRecorder::WebmRecorder(const VideoSpec& spec, std::unique_ptr<Parts> parts)
    : spec_(spec), parts_(std::move(parts)) {}

WebmRecorder::~WebmRecorder() {
    finish();
}

bool WebmRecorder::refuse(std::string why) {
    error_ = std::move(why);
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
}

bool WebmRecorder::fail(std::string why) {
    failed_ = true;
    failure_ = why;
    return refuse(std::move(why));
}

bool WebmRecorder::add(const std::uint8_t* rgba, std::size_t bytes, int width, int height,
                       std::int64_t index) {
    if (finished_) return refuse("the recording is finished");
    if (failed_) return refuse("the recording failed: " + failure_);
    if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide)
        return refuse("picture size " + std::to_string(width) + "x" + std::to_string(height) +
                      " is not within 1x1 to " + std::to_string(kMaxSide) + "x" + std::to_string(kMaxSide));
    const std::size_t needed = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4;
    if (!rgba || bytes < needed)
        return refuse("picture " + std::to_string(width) + "x" + std::to_string(height) + " needs " +
                      std::to_string(needed) + " RGBA bytes, got " + std::to_string(rgba ? bytes : 0));
    if (index <= last_index_)
        return refuse("frame " + std::to_string(index) + " does not come after frame " +
                      std::to_string(last_index_));

    Vp8Encoder& encoder = *parts_->encoder;
    std::string why;
    const int rc = av_frame_make_writable(encoder.frame());
    if (rc < 0) return fail(ffmpeg_error("a writable frame", rc));
    if (!parts_->scaler.scale(rgba, width, height, encoder.frame(), &why)) return refuse(why);
    WebmWriter& writer = *parts_->writer;
    if (!encoder.encode(index, &why, [&](AVPacket* p) { return writer.write(p, &why); })) return fail(why);
    last_index_ = index;
    encoded_.fetch_add(1, std::memory_order_relaxed);
    bytes_.store(writer.bytes(), std::memory_order_relaxed);
    return true;
}

bool WebmRecorder::finish() {
    if (finished_) return finish_ok_;
    finished_ = true;
    WebmWriter& writer = *parts_->writer;
    std::string why;
    // After a failure the encoder is not trusted with more work; the trailer alone still closes the file.
    bool ok = !failed_ && parts_->encoder->drain(&why, [&](AVPacket* p) { return writer.write(p, &why); });
    std::string closing;
    if (!writer.finish(&closing)) {
        ok = false;
        if (why.empty()) why = closing;
    }
    bytes_.store(writer.bytes(), std::memory_order_relaxed);
    if (!why.empty()) {
        failed_ = true;
        failure_ = error_ = why;
    }
    finish_ok_ = ok;
    return ok;
}

}  // namespace rtc::recording
