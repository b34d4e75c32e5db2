# Sourced by run.sh and test.sh. install_missing WHO PACKAGE…: installs the Debian packages through
# apt when run as root; otherwise names them and exits. Does nothing when none is missing.
install_missing() {
  local who="$1"
  shift
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "$who need these Debian packages, which are missing: $*" >&2
    echo "Install them with: sudo apt-get install $*" >&2
    exit 1
  fi
}

# The Debian package of each command the product needs, for those missing.
missing_product_packages() {
  command -v java >/dev/null 2>&1 || echo openjdk-17-jdk-headless
  { command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || echo ffmpeg
  command -v curl >/dev/null 2>&1 || echo curl
}
