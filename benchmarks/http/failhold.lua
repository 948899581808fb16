-- failed hold attempts: every request asks for seat SEAT (already held), rotating through the tokens
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
local i = 0
local seat = os.getenv("SEAT") or "1"
local event = os.getenv("EVENT") or "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"seatIds":["' .. seat .. '"]}'
request = function()
  i = i + 1
  wrk.headers["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1]
  return wrk.format(nil, "/api/v1/events/" .. event .. "/holds")
end
local statuses = {}
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  io.write(string.format("p50=%.1fms p99=%.1fms\n", latency:percentile(50)/1000, latency:percentile(99)/1000))
end
