#!/usr/bin/env bash
# Replaces every placeholder secret of an overlay (values holding "change-me") with a random one:
# the admin password, the session key, the monitor's password and, in the trial, the in-cluster
# database's password. Real values already there are kept, so running it twice changes nothing.
# An external database's password (db.env) is yours to set: it is only checked.
#
#   deploy/k8s/generate-secrets.sh deploy/k8s/overlays/trial
set -euo pipefail
overlay="${1:?usage: $0 deploy/k8s/overlays/NAME}"
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }

for file in "$overlay"/*.env; do
  [ -e "$file" ] || continue
  if [ "$(basename "$file")" = db.env ]; then
    if grep -q 'change-me' "$file"; then
      echo "$file still holds a placeholder: put your database's address and password there" >&2
    fi
    continue
  fi
  tmp="$(mktemp "$file.XXXXXX")"
  while IFS= read -r line || [ -n "$line" ]; do
    key="${line%%=*}"
    value="${line#*=}"
    if [[ "$line" == *=* && "$value" == *change-me* ]]; then
      value="$(random)"
    fi
    if [[ "$line" == *=* ]]; then printf '%s=%s\n' "$key" "$value"; else printf '%s\n' "$line"; fi
  done < "$file" > "$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$file"
done
echo "Secrets of $overlay are real values now; keep them out of version control."
