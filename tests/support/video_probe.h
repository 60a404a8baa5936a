// What Debian's ffprobe and ffmpeg say about a recording: the tests judge the files with the tools a user
// would, not with the library that wrote them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rtc::test {

struct ProbedVideo {
    bool ok = false;
    std::string error;  // ffprobe's complaint when !ok
    std::string codec;
    int width = 0;
    int height = 0;
    double frame_rate = 0;  // the stream's avg_frame_rate
    double duration_s = 0;  // the format's duration; 0 when ffprobe gives none
};

// ffprobe -show_streams -show_format on the file's one video stream.
ProbedVideo probe(const std::string& path);

struct Rgb {
    int r = 0, g = 0, b = 0;
};

struct DecodedVideo {
    bool ok = false;  // ffmpeg exited 0 and gave whole frames
    int width = 0;
    int height = 0;
    std::vector<std::vector<std::uint8_t>> frames;  // RGB24, row after row

    // The mean colour of a frame's rectangle [x0, x1) x [y0, y1) (the whole frame by default).
    Rgb mean(std::size_t frame, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) const;
};

// Every frame ffmpeg decodes from the file, as RGB24 at the stream's size. `output_rate` > 0 asks ffmpeg for
// a constant rate (frames repeated across gaps); 0 passes the stored frames through one for one.
DecodedVideo decode(const std::string& path, int output_rate = 0);

// True when each channel of `c` is within `tolerance` of (r, g, b).
bool near(const Rgb& c, int r, int g, int b, int tolerance = 20);
std::string describe(const Rgb& c);

// A fresh folder under /tmp, removed with what it holds.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

}  // namespace rtc::test
