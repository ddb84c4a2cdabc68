-- wrk script: POSTs pre-signed webhook deliveries, each body exactly once.
--
--   wrk -t T -c C -d Ds -s signed-post.lua URL -- DELIVERIES T D [GRACE]
--
-- DELIVERIES holds lines "<hex signature>\t<body>" (bench/tools/Deliveries.java); thread i of T
-- sends lines i, i+T, i+2T, ... reading them as it goes, so memory stays flat however large the
-- file is.
--
-- So that every request sent is answered before wrk stops, a thread stops sending GRACE seconds
-- (default 1) before the end of the D-second run: the next request() returns nothing and the
-- connection goes idle. The same happens when a thread runs out of lines (reported as ran_out;
-- size the file for it not to). Throughput is then 2xx responses over the time from the first
-- request to the last response, not wrk's Requests/sec (which counts the idle tail).
--
-- done() prints one "name value" line per figure, each prefixed "bench.".

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

-- Main state: one entry per thread, for done().
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Thread state: the figures done() collects with thread:get().
sent, responses, ok, non2xx, ran_out, parked = 0, 0, 0, 0, 0, 0
first_request_ms, last_response_ms = 0, 0
statuses = {}

local deliveries, thread_count, stop_sending_ms
local line_number = -1

function init(args)
  assert(args[1] and args[2] and args[3], "usage: -- DELIVERIES THREADS DURATION_S [GRACE_S]")
  deliveries = assert(io.open(args[1], "r"))
  thread_count = tonumber(args[2])
  local grace_s = tonumber(args[4] or "1")
  stop_sending_ms = now_ms() + (tonumber(args[3]) - grace_s) * 1000
end

local function next_line()
  while true do
    local line = deliveries:read("*l")
    if not line then
      return nil
    end
    line_number = line_number + 1
    if line_number % thread_count == id then
      return line
    end
  end
end

local function park()
  parked = parked + 1
  return ""
end

-- wrk calls request() once in thread 0 before the run, only to parse it (pipelining check):
-- answer that call with a valid request that uses no delivery and is not counted.
local verified = false

function request()
  if id == 0 and not verified then
    verified = true
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, "{}")
  end
  local now = now_ms()
  if now >= stop_sending_ms then
    return park()
  end
  local line = next_line()
  if not line then
    ran_out = 1
    return park()
  end
  local tab = line:find("\t", 1, true)
  sent = sent + 1
  if first_request_ms == 0 then
    first_request_ms = now
  end
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = "sha256=" .. line:sub(1, tab - 1),
  }, line:sub(tab + 1))
end

function response(status, headers, body)
  responses = responses + 1
  last_response_ms = now_ms()
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = { sent = 0, responses = 0, ok = 0, non2xx = 0, ran_out = 0 }
  local first, last = math.huge, 0
  local by_status = {}
  for _, thread in ipairs(threads) do
    for name in pairs(total) do
      total[name] = total[name] + thread:get(name)
    end
    local f, l = thread:get("first_request_ms"), thread:get("last_response_ms")
    if f > 0 and f < first then first = f end
    if l > last then last = l end
    for status, n in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end
  local window_s = (last > first) and (last - first) / 1000 or 0
  local e = summary.errors
  local function out(name, value) io.write(string.format("bench.%s %s\n", name, value)) end

  out("sent", total.sent)
  out("responses", total.responses)
  out("2xx", total.ok)
  out("non2xx", total.non2xx)
  for status, n in pairs(by_status) do
    out("status_" .. status, n)
  end
  out("unanswered", total.sent - total.responses)
  out("socket_errors", e.connect + e.read + e.write + e.timeout)
  out("socket_errors_detail", string.format("connect=%d,read=%d,write=%d,timeout=%d",
    e.connect, e.read, e.write, e.timeout))
  out("ran_out", total.ran_out)
  out("window_s", string.format("%.3f", window_s))
  out("2xx_per_s", string.format("%.0f", window_s > 0 and total.ok / window_s or 0))
  for _, p in ipairs({ 50, 90, 99 }) do
    out("latency_p" .. p .. "_ms", string.format("%.2f", latency:percentile(p) / 1000))
  end
  out("latency_max_ms", string.format("%.2f", latency.max / 1000))
end
