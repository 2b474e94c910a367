#!/bin/sh
# Sets up a virtual CUPS printer, ReturnDeskPDF, that turns every job into a PDF file,
# so slips can be printed (and tested) without paper. Debian/Ubuntu, run as root.
# Safe to run again: installs only what is missing and keeps an existing printer.
#
# Prints the directory the PDFs land in as the last line: RETURNDESK_PDF_OUT=<dir>
set -eu

PRINTER=${RETURNDESK_PRINTER:-ReturnDeskPDF}

need_install=""
for cmd in cupsd lp lpadmin lpstat; do
    command -v "$cmd" >/dev/null 2>&1 || need_install=yes
done
[ -e /usr/lib/cups/backend/cups-pdf ] || need_install=yes
if [ -n "$need_install" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup-cups: CUPS is missing; run this script as root to install it" >&2
        exit 1
    fi
    echo "setup-cups: installing cups, cups-client, cups-bsd, printer-driver-cups-pdf" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq cups cups-client cups-bsd printer-driver-cups-pdf >&2
fi

# The scheduler: containers have no systemd, so start cupsd directly.
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    echo "setup-cups: starting cupsd" >&2
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl start cups >&2
    else
        mkdir -p /run/cups
        cupsd >&2
    fi
    i=0
    until lpstat -r 2>/dev/null | grep -q "is running"; do
        i=$((i + 1))
        if [ "$i" -gt 50 ]; then
            echo "setup-cups: cupsd did not start (see /var/log/cups/error_log)" >&2
            exit 1
        fi
        sleep 0.2
    done
fi

# The virtual printer, on the cups-pdf backend with its own PPD.
if ! lpstat -p "$PRINTER" >/dev/null 2>&1; then
    echo "setup-cups: adding printer $PRINTER" >&2
    ppd=""
    for candidate in /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd; do
        if [ -e "$candidate" ]; then ppd=$candidate; break; fi
    done
    if [ -n "$ppd" ]; then
        lpadmin -p "$PRINTER" -E -v cups-pdf:/ -P "$ppd" -D "Return Desk virtual PDF printer" >&2
    else
        lpadmin -p "$PRINTER" -E -v cups-pdf:/ -m everywhere -D "Return Desk virtual PDF printer" >&2
    fi
fi
cupsenable "$PRINTER" >/dev/null 2>&1 || true
cupsaccept "$PRINTER" >/dev/null 2>&1 || true

# Where cups-pdf writes: the Out (or AnonDirName for jobs from root/unknown users)
# setting of cups-pdf.conf, where ${HOME} is the job owner's home.
conf=/etc/cups/cups-pdf.conf
out=$(sed -n 's/^[[:space:]]*Out[[:space:]]\{1,\}//p' "$conf" 2>/dev/null | tail -n 1)
anon=$(sed -n 's/^[[:space:]]*AnonDirName[[:space:]]\{1,\}//p' "$conf" 2>/dev/null | tail -n 1)
out=${out:-'${HOME}/PDF'}
owner_home=$(getent passwd "${SUDO_USER:-$(id -un)}" | cut -d: -f6)
out=$(printf '%s' "$out" | sed "s|\${HOME}|${owner_home:-$HOME}|")
echo "setup-cups: printer $PRINTER ready; PDFs land in $out (anonymous jobs: ${anon:-/var/spool/cups-pdf/ANONYMOUS})" >&2
echo "RETURNDESK_PDF_OUT=$out"
