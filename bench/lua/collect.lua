-- wrk script: POST /v1/subjects/{id}/records, a 5-field `device` record for `product_display`, as
-- dev-collector, over pre-registered subjects taken round-robin (each wrk thread starts at its own offset).
-- Usage: wrk ... -s bench/lua/collect.lua URL -- SUBJECTS_FILE THREADS
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer dev-collector-key"

local subjects, n

function init(args)
  subjects = read_lines(args[1])
  local threads = tonumber(args[2] or "1")
  n = math.floor((id or 0) * #subjects / threads)
end

function request()
  n = n + 1
  local s = subjects[(n - 1) % #subjects + 1]
  local body = '{"category":"device","purpose":"product_display","source":"subject","fields":{'
    .. '"device_model":"Model ' .. (n % 50) .. '",'
    .. '"os_version":"Android 15",'
    .. '"device_settings":"lang=zh-CN;tz=Asia/Shanghai;dark=' .. (n % 2) .. '",'
    .. '"device_identifier":"dev-' .. n .. '",'
    .. '"hardware_id":"hw-' .. (id or 0) .. '-' .. n .. '"}}'
  return wrk.format(nil, "/v1/subjects/" .. s .. "/records", nil, body)
end
