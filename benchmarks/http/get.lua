local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
local i = 0
local path = os.getenv("PATHX")
local auth = os.getenv("AUTH")
request = function()
  i = i + 1
  if auth then wrk.headers["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("p50=%.1fms p99=%.1fms\n", latency:percentile(50)/1000, latency:percentile(99)/1000))
end
