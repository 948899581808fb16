-- ARGV: 3 user. Returns the entry or {'NONE'}.
return entry(ARGV[3]) or {'NONE'}
