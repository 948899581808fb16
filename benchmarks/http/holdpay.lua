-- purchases: each connection (run with as many threads as connections) is one buyer after another, each with a new
-- token: hold the best QUANTITY seats of EVENT, then pay for them with the simulated card tok_visa
local tokens = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do tokens[#tokens + 1] = line end
local event = os.getenv("EVENT") or "1"
local quantity = os.getenv("QUANTITY") or "2"
local threads = {}
local counter = 0
local stride = tonumber(os.getenv("CONNECTIONS") or "32")

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

init = function(args)
  next_token = id
  holdId = nil
  paid, held, refused, failed = 0, 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  local token = tokens[(next_token - 1) % #tokens + 1]
  wrk.headers["Authorization"] = "Bearer " .. token
  if holdId then
    wrk.headers["Idempotency-Key"] = holdId
    return wrk.format(nil, "/api/v1/orders", nil,
        '{"holdId":"' .. holdId .. '","payment":{"method":"card","token":"tok_visa"}}')
  end
  wrk.headers["Idempotency-Key"] = nil
  return wrk.format(nil, "/api/v1/events/" .. event .. "/holds", nil, '{"best":{"quantity":' .. quantity .. '}}')
end

response = function(status, headers, body)
  if holdId then
    if status == 201 then paid = paid + 1 else failed = failed + 1 end
    holdId = nil
    next_token = next_token + stride
  elseif status == 201 then
    held = held + 1
    holdId = body:match('"holdId"%s*:%s*"([^"]+)"')
  else
    if status == 409 then refused = refused + 1 else failed = failed + 1 end
    next_token = next_token + stride
  end
end

done = function(summary, latency, requests)
  local p, h, r, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("paid"); h = h + t:get("held"); r = r + t:get("refused"); f = f + t:get("failed")
  end
  io.write(string.format("purchases=%d purchases/s=%.1f holds=%d refused=%d failed=%d p50=%.1fms p99=%.1fms\n",
      p, p / (summary.duration / 1e6), h, r, f, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
