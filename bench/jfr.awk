# Summarises `jfr print --events jdk.ExecutionSample --stack-depth 96 <file>`: where the vault's Java threads
# burn CPU. Prints tab-separated rows "section<TAB>count<TAB>share %<TAB>what" for four sections:
#   thread   samples by thread (digits folded to #)
#   lib      samples by the package of the first frame outside the JDK (java., jdk., sun.), i.e. which
#            library or vault code (or the JDK code it called) was running
#   self     the 15 most frequent top frames (methods running when sampled)
#   part     samples with a frame of a component anywhere on the stack (inclusive time; a sample can count
#            for several components)
#   incl     the 15 most frequent vault methods anywhere on the stack (inclusive time)
BEGIN {
  np = 0
  comp("Axon command bus and aggregates", "^org\\.axonframework\\.(commandhandling|modelling)")
  comp("Axon event store (JDBC)", "^org\\.axonframework\\.eventsourcing\\.eventstore")
  comp("Axon event publication and handlers", "^org\\.axonframework\\.eventhandling")
  comp("Axon serializer", "^org\\.axonframework\\.serialization")
  comp("Axon handler time-outs (messaging.timeout)", "^org\\.axonframework\\.messaging\\.timeout")
  comp("stack-trace capture (Thread.getStackTrace)", "^java\\.lang\\.Thread\\.getStackTrace")
  comp("Jackson (JSON)", "^com\\.fasterxml\\.jackson")
  comp("PostgreSQL JDBC driver", "^org\\.postgresql")
  comp("Spring transactions and JDBC", "^org\\.springframework\\.(transaction|jdbc)")
  comp("Tomcat and Spring MVC", "^(org\\.apache\\.(catalina|coyote|tomcat)|org\\.springframework\\.web)")
  comp("Tink (AES-GCM)", "^com\\.google\\.crypto\\.tink")
  comp("SecureRandom", "^(java\\.security\\.SecureRandom|sun\\.security\\.provider)")
  comp("regular expressions", "^java\\.util\\.regex")
  comp("Micrometer", "^io\\.micrometer")
  comp("logging", "^(ch\\.qos\\.logback|org\\.slf4j|org\\.apache\\.logging)")
  comp("vault projections", "^dev\\.pdvault\\.projections")
  comp("vault domain", "^dev\\.pdvault\\.domain")
  comp("vault API", "^dev\\.pdvault\\.api")
}
function comp(label, re) { np++; plabel[np] = label; pre[np] = re }
function flush(   i, f, p, seen, lib, parts, n) {
  if (depth == 0) return
  total++
  threads[thread]++
  self[frames[1]]++
  lib = "JDK only"
  for (i = 1; i <= depth; i++) {
    f = frames[i]
    if (f !~ /^(java|javax|jdk|sun|com\.sun)\./) {
      n = split(f, parts, ".")
      lib = parts[1] "." parts[2] (n > 4 ? "." parts[3] : "")
      break
    }
  }
  libs[lib]++
  split("", seen)
  for (i = 1; i <= depth; i++) {
    f = frames[i]
    if (f ~ /^dev\.pdvault\./ && !(f in seen)) {
      seen[f] = 1
      incl[f]++
    }
  }
  for (p = 1; p <= np; p++) {
    for (i = 1; i <= depth; i++) {
      if (frames[i] ~ pre[p]) { part[plabel[p]]++; break }
    }
  }
  depth = 0
}
/^jdk\.ExecutionSample/ { flush(); thread = "?"; inStack = 0; next }
/sampledThread = / {
  thread = $0
  sub(/^[^"]*"/, "", thread)
  sub(/".*$/, "", thread)
  gsub(/[0-9]+/, "#", thread)
  next
}
/stackTrace = \[/ { inStack = 1; next }
inStack && /^[ \t]*\]/ { inStack = 0; next }
inStack {
  f = $0
  sub(/^[ \t]+/, "", f)
  sub(/\(.*$/, "", f)
  if (f != "" && f != "...") frames[++depth] = f
  next
}
function top(arr, section, limit,   k, n, best, bk, printed) {
  printed = 0
  while (printed < limit) {
    best = 0; bk = ""
    for (k in arr) if (arr[k] > best) { best = arr[k]; bk = k }
    if (best == 0) break
    printf "%s\t%d\t%.1f\t%s\n", section, best, 100 * best / total, bk
    delete arr[bk]
    printed++
  }
}
END {
  flush()
  if (total == 0) exit
  printf "total\t%d\t100.0\tsamples\n", total
  top(threads, "thread", 8)
  top(libs, "lib", 12)
  top(self, "self", 15)
  top(part, "part", 18)
  top(incl, "incl", 15)
}
