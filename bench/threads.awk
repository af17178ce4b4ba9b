# Summarises `jcmd <pid> Thread.print` dumps (concatenated): for the request threads (Tomcat http-nio-*-exec-*)
# and the group committers (*-committer-*), counts samples by thread group, state, top frame and first vault
# frame. Prints "count<TAB>group<TAB>state<TAB>top frame<TAB>first dev.pdvault frame", most frequent first
# (the caller sorts). A poor man's profiler: RUNNABLE in a socket read means waiting for PostgreSQL.
function flush() {
  if (name != "" && (name ~ /http-nio-.*-exec-/ || name ~ /committer-/)) {
    group = name
    gsub(/[0-9]+/, "#", group)
    key = group "\t" state "\t" (top == "" ? "-" : top) "\t" (app == "" ? "-" : app)
    count[key]++
  }
  name = ""; state = ""; top = ""; app = ""
}
function frame(line,   f) {
  f = line
  sub(/^[ \t]*at /, "", f)
  sub(/\(.*$/, "", f)
  return f
}
/^"/ {
  flush()
  name = $0
  sub(/^"/, "", name)
  sub(/".*$/, "", name)
  next
}
/java.lang.Thread.State:/ { state = $2; next }
/^[ \t]+at / {
  f = frame($0)
  if (top == "") top = f
  if (app == "" && f ~ /^dev\.pdvault\./) app = f
  next
}
END {
  flush()
  for (k in count) printf "%d\t%s\n", count[k], k
}
