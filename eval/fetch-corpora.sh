#!/usr/bin/env bash
# Fetches the evaluation corpora from the package registries into DIR (default: eval/corpora, git-ignored) and
# unpacks them, one folder per corpus. Nothing here is committed; run it again to refresh.
#   java:        commons-lang3 3.17.0 and guava 33.3.1 sources jars (Maven)
#   python:      requests 2.32.3 and flask 3.0.3 source distributions (pip)
#   javascript:  lodash-es 4.17.21 (npm; one module per function, unlike lodash's monolith + modules)
#   typescript:  rxjs 7.8.1 TypeScript sources (npm)
#   go:          github.com/spf13/cobra v1.8.1 (Go module proxy), when the go tool is present
# Usage: eval/fetch-corpora.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/eval/corpora}"
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../bin/lib/java.sh
. "$root/bin/lib/java.sh"
find_jdk21

maven_sources() { # group artifact version name
  local jar="$HOME/.m2/repository/${1//.//}/$2/$3/$2-$3-sources.jar"
  if [ ! -d "$dest/$4" ]; then
    (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="$1:$2:$3:jar:sources" -Dtransitive=false)
    mkdir -p "$dest/$4" && (cd "$dest/$4" && unzip -q -o "$jar" -x 'META-INF/*')
  fi
  echo "java: $dest/$4"
}

pip_sdist() { # package version name
  if [ ! -d "$dest/$3" ]; then
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: "$1==$2" -d "$tmp/$3"
    mkdir -p "$dest/$3" && tar -xzf "$tmp/$3"/*.tar.gz -C "$dest/$3" --strip-components=1
    rm -rf "$dest/$3/tests" "$dest/$3/docs"
  fi
  echo "python: $dest/$3"
}

npm_package() { # package version name
  if [ ! -d "$dest/$3" ]; then
    (cd "$tmp" && npm pack --silent "$1@$2" >/dev/null)
    mkdir -p "$dest/$3" && tar -xzf "$tmp"/*"$2".tgz -C "$dest/$3" --strip-components=1
    rm -f "$tmp"/*.tgz
  fi
  echo "js/ts: $dest/$3"
}

maven_sources org.apache.commons commons-lang3 3.17.0 commons-lang3
maven_sources com.google.guava guava 33.3.1-jre guava
pip_sdist requests 2.32.3 requests
pip_sdist flask 3.0.3 flask
npm_package lodash-es 4.17.21 lodash-es
npm_package rxjs 7.8.1 rxjs
rm -rf "$dest/rxjs/dist" "$dest/rxjs/ajax" "$dest/rxjs/fetch" "$dest/rxjs/operators" "$dest/rxjs/testing" \
  "$dest/rxjs/webSocket" # compiled output and re-export stubs; the TypeScript sources are under src/

if command -v go >/dev/null; then
  if [ ! -d "$dest/cobra" ]; then
    dir=$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json github.com/spf13/cobra@v1.8.1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
    cp -r "$dir" "$dest/cobra" && chmod -R u+w "$dest/cobra"
  fi
  echo "go: $dest/cobra"
fi
