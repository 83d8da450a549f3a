#!/usr/bin/env bash
# Make sure PostgreSQL server binaries (initdb, pg_ctl) are available, so the test suite
# can start a throwaway server (tests/pg.py).  Called by `make test`.
#
# Idempotent, and never fails the build: if PostgreSQL cannot be installed it says why
# and exits 0 — the PostgreSQL half of the storage tests is then skipped with a message.
#
# Installs only as root, with apt-get (Debian/Ubuntu):
#   apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
set -u

find_pg() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
        fi
    done | sort -V | tail -n 1
}

say() { echo "setup-postgres: $*"; }

dir="$(find_pg)"
if [ -n "$dir" ]; then
    say "已安装 PostgreSQL（$dir）"
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    say "未找到 PostgreSQL，且非 root 用户，无法安装；PostgreSQL 测试将被跳过（可请管理员执行：apt-get install postgresql）"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    say "未找到 PostgreSQL，且系统没有 apt-get；PostgreSQL 测试将被跳过"
    exit 0
fi

say "正在安装 PostgreSQL（apt-get）…"
if ! apt-get update -qq; then
    say "apt-get update 失败（离线？）；PostgreSQL 测试将被跳过"
    exit 0
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; then
    say "apt-get install postgresql 失败；PostgreSQL 测试将被跳过"
    exit 0
fi

dir="$(find_pg)"
if [ -n "$dir" ]; then
    say "安装完成（$dir）"
else
    say "安装后仍未找到 /usr/lib/postgresql/*/bin/initdb；PostgreSQL 测试将被跳过"
fi
exit 0
