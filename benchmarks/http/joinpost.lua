-- POSTs one prepared join per request from $JOINS (lines "token<TAB>body"); each of the N wrk threads takes every
-- N-th line, so no line is sent twice until a thread runs out (then its lines come round again and answer 400)
local lines = {}
for line in io.lines(os.getenv("JOINS")) do lines[#lines + 1] = line end
local path = os.getenv("PATHX")
local threads = {}
setup = function(thread) thread:set("id", #threads); table.insert(threads, thread) end
init = function() i = id; step = #threads > 0 and #threads or 2; statuses = {} end
request = function()
  local line = lines[(i % #lines) + 1]
  i = i + (step or 2)
  local tab = line:find("\t")
  wrk.headers["Authorization"] = "Bearer " .. line:sub(1, tab - 1)
  wrk.headers["Content-Type"] = "application/json"
  return wrk.format("POST", path, nil, line:sub(tab + 1))
end
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  local text = ""
  for status, n in pairs(counts) do text = text .. status .. ":" .. n .. " " end
  io.write(string.format("p50=%.1fms p99=%.1fms %s\n", latency:percentile(50)/1000, latency:percentile(99)/1000, text))
end
