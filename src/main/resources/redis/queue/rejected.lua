-- ARGV: 3.. pairs of reason and count. Adds refusals counted on a node, all or none.
for i = 3, #ARGV, 2 do
  redis.call('HINCRBY', REJECTED, ARGV[i], ARGV[i + 1])
end
return 1
