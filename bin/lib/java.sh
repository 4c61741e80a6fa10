# Sourced by bin/code-indexer, bin/test and .ci/run: sets JAVA_HOME to a JDK 21 or newer.
# Tries $JAVA_HOME first, then every JDK under /usr/lib/jvm, newest first. Fails with a clear message otherwise.

java_major() {
  # Prints the major version of the java binary $1 ("1.8" counts as 8), or nothing if it does not run.
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk21() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      return 0
    fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "code-indexer: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
