#!/usr/bin/env bash
# Install Debian's Chromium (and a Chinese font, so pages render 汉字 in screenshots) for the
# real-browser test (tests/test_web_browser.py, driven by Playwright).  Idempotent.  Never fails:
# when the browser cannot be installed (no root, no apt, no network) it says why and exits 0,
# and the browser test is then skipped with that reason.
set -u

CHROMIUM=/usr/bin/chromium
FONT_PKG=fonts-wqy-microhei

have_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .
}

if [ -x "$CHROMIUM" ] && have_font; then
    echo "setup-browser: $CHROMIUM 与中文字体已安装"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: 没有 apt-get，无法安装 chromium；浏览器测试将跳过"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "setup-browser: 需要 root 权限才能安装 chromium；浏览器测试将跳过"
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
# Wait for another apt/dpkg run (e.g. scripts/setup-postgres.sh) instead of failing at once.
APT="apt-get -o DPkg::Lock::Timeout=300"
if ! $SUDO $APT update -qq >"$LOG" 2>&1; then
    echo "setup-browser: apt-get update 失败（无网络或无软件源）；浏览器测试将跳过"
    tail -n 3 "$LOG"
    exit 0
fi
pkgs=""
[ -x "$CHROMIUM" ] || pkgs="chromium"
have_font || pkgs="$pkgs $FONT_PKG"
# shellcheck disable=SC2086
if ! $SUDO $APT install -y -qq --no-install-recommends $pkgs >"$LOG" 2>&1; then
    echo "setup-browser: 安装 $pkgs 失败；浏览器测试将跳过"
    tail -n 5 "$LOG"
    exit 0
fi
if [ -x "$CHROMIUM" ]; then
    echo "setup-browser: 已安装 $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
else
    echo "setup-browser: 未能安装 chromium；浏览器测试将跳过"
fi
exit 0
