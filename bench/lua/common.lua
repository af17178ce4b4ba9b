-- Shared by the wrk scripts of bench/run: status counting, result line, file reading.
-- Every response whose status is not 200 or 201 counts as bad; done() prints one machine-readable line:
--   RESULT requests=.. seconds=.. rps=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. non2xx=.. socket_errors=..
-- bench/run treats non2xx > 0 or socket_errors > 0 as a failed run.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

bad = 0
bad_status = 0
bad_body = ""

function response(status, headers, body)
  if status ~= 200 and status ~= 201 then
    bad = bad + 1
    if bad_status == 0 then
      bad_status = status
      bad_body = string.sub(body or "", 1, 300)
    end
  end
end

function read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if #line > 0 then table.insert(lines, line) end
  end
  f:close()
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

function done(summary, latency, requests)
  local non2xx = 0
  local first_status, first_body = 0, ""
  for _, t in ipairs(threads) do
    local b = t:get("bad") or 0
    non2xx = non2xx + b
    if b > 0 and first_status == 0 then
      first_status = t:get("bad_status")
      first_body = t:get("bad_body")
    end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx, socket))
  if non2xx > 0 then
    io.write(string.format("FIRST_BAD status=%d body=%s\n", first_status, first_body))
  end
  if socket > 0 then
    io.write(string.format("SOCKET_ERRORS connect=%d read=%d write=%d timeout=%d\n",
      e.connect, e.read, e.write, e.timeout))
  end
end

-- The directory of the calling script, to find common.lua and data files relative to it.
function script_dir()
  local src = debug.getinfo(2, "S").source
  return (src:match("^@(.*/)") or "./")
end
