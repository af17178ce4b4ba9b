-- wrk script: POST /v1/detokenize as dev-logistics for purpose delivery.
-- Usage: wrk ... -s bench/lua/detokenize.lua URL -- TOKENS_FILE [BATCH]
-- BATCH = 1 (default): one random token a request. BATCH = n: n distinct tokens a request, a run of n
-- consecutive lines of the file from a random start (the file must hold at least n tokens).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

wrk.method = "POST"
wrk.path = "/v1/detokenize"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer dev-logistics-key"

local tokens, batch

function init(args)
  tokens = read_lines(args[1])
  batch = tonumber(args[2] or "1")
  assert(#tokens >= batch, "fewer tokens than the batch size")
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local parts = {}
  local start = math.random(#tokens)
  for i = 0, batch - 1 do
    parts[#parts + 1] = '"' .. tokens[(start + i - 1) % #tokens + 1] .. '"'
  end
  return wrk.format(nil, nil, nil, '{"tokens":[' .. table.concat(parts, ",") .. '],"purpose":"delivery"}')
end
