// Pictures made up for the recording tests and the encoder benchmark: their colours and movement are known.
#pragma once

#include "recording/picture.h"

namespace rtc::test {

// A picture of one colour.
recording::Picture solid(int width, int height, int r, int g, int b);
// A page with some movement: a still gradient background and a red block whose place depends on `step`.
recording::Picture moving(int width, int height, int step);
// The costly case: as moving(), and every pixel changes from one step to the next.
recording::Picture busy(int width, int height, int step);

}  // namespace rtc::test
