#!/usr/bin/env bash
# `meson install` into a scratch prefix gives a launchable app: the
# program, its desktop file, metainfo, schema, icons and D-Bus service,
# and the installed program starts, draws its first frame and quits.
set -euo pipefail
build=${TANDEM_BUILD_DIR:?}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
prefix=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
DESTDIR="$dest" meson install -C "$build" --no-rebuild --quiet >/dev/null
root="$dest$prefix"
fail() { echo "FAIL: $*" >&2; exit 1; }
for f in bin/tandem bin/tandemctl \
         share/applications/de.tandem.Tandem.desktop \
         share/metainfo/de.tandem.Tandem.metainfo.xml \
         share/glib-2.0/schemas/de.tandem.Tandem.gschema.xml \
         share/icons/hicolor/scalable/apps/de.tandem.Tandem.svg \
         share/icons/hicolor/symbolic/apps/de.tandem.Tandem-symbolic.svg \
         share/dbus-1/services/de.tandem.Tandem.service \
         share/locale/de/LC_MESSAGES/tandem.mo; do
  [ -e "$root/$f" ] || fail "$f was not installed"
done
grep -qx "Exec=$prefix/bin/tandem --gapplication-service" "$root/share/dbus-1/services/de.tandem.Tandem.service" ||
  fail "the D-Bus service does not start the installed program"
grep -qx "DBusActivatable=true" "$root/share/applications/de.tandem.Tandem.desktop" || fail "not D-Bus activatable"
grep -q "^Name\[de\]=" "$root/share/applications/de.tandem.Tandem.desktop" || fail "desktop file not translated"
glib-compile-schemas "$root/share/glib-2.0/schemas"

home=$(mktemp -d -p "$dest")
"$root/bin/tandemctl" --workspace "$home/ws.tandem" init
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_DATA_DIRS="$root/share:/usr/share" GSK_RENDERER=cairo NO_AT_BRIDGE=1
unset GSETTINGS_SCHEMA_DIR
[ "$("$root/bin/tandem" --version)" = "tandem $(meson introspect "$build" --projectinfo | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" ] ||
  fail "tandem --version"
timeout 60 "$root/bin/tandem" --workspace "$home/ws.tandem" --exit-after-first-frame || fail "the installed tandem did not start"
echo "installed into $root and started"

# D-Bus activation: a session bus that sees the installed service starts
# the program on Activate; then quit it through its app action. Under
# DESTDIR the program is not at its final path: point Exec at it.
mkdir -p "$home/share/dbus-1/services"
sed "s|^Exec=$prefix/|Exec=$root/|" "$root/share/dbus-1/services/de.tandem.Tandem.service" \
  > "$home/share/dbus-1/services/de.tandem.Tandem.service"
export XDG_DATA_DIRS="$home/share:$XDG_DATA_DIRS"
cat > "$home/activate.sh" <<'INNER'
set -euo pipefail
gdbus call --session --dest de.tandem.Tandem --object-path /de/tandem/Tandem \
  --method org.freedesktop.Application.Activate '{}' >/dev/null
gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
  --method org.freedesktop.DBus.NameHasOwner de.tandem.Tandem | grep -q true
gapplication action de.tandem.Tandem quit
INNER
timeout 60 dbus-run-session -- bash "$home/activate.sh" 2>/dev/null || fail "D-Bus activation did not start Tandem"
echo "D-Bus activation started Tandem"
