-- wrk script: replays the requests of a file written by sign-starts.js. wrk -s replay.lua URL -- FILE
-- Thread k reads FILE.k (wrk-sdk.sh splits FILE so that no two threads send the same request), one line per
-- request, as it goes: wrk starts each thread as soon as its init() returns and times the run from the last,
-- so a slow init (formatting every request up front) would inflate the rate. A thread that reaches the end
-- of its file starts it again: those restarts are replays and are printed at the end.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  file = assert(io.open(args[1] .. "." .. id, "r"))
  restarts = 0
end

local function format(line)
  local fields = {}
  for f in string.gmatch(line, "[^\t]+") do fields[#fields + 1] = f end
  local headers = {}
  for h = 3, #fields do
    local name, value = string.match(fields[h], "^([^:]+): (.*)$")
    headers[name] = value
  end
  return wrk.format("POST", "/?" .. fields[1], headers, fields[2])
end

function request()
  local line = file:read("*l")
  if not line then
    restarts = restarts + 1
    file:seek("set")
    line = file:read("*l")
  end
  return format(line)
end

function done(summary, latency, requests)
  local r = 0
  for _, t in ipairs(threads) do r = r + t:get("restarts") end
  io.write(string.format("replay: %d restarts of a thread's file\n", r))
end
