#!/usr/bin/env bash
# Install the system programs exhibits and its tests use, when absent: Chromium and its headless shell (cover sheets),
# tesseract with English and Simplified Chinese (OCR text layers), qpdf (every carried-in PDF is checked with it at
# run time), poppler-utils (PDF checks in tests; scanned pages for OCR), and fonts for every script evidence is written
# in (every print is checked for characters Chromium drew no glyph for: without these fonts a Chinese chat fails the
# build). apt-get only, and only as root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || need+=(chromium)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)   # OCR text layers of screenshots, photos, scans
langs="$(tesseract --list-langs 2>/dev/null || true)"
grep -qx eng <<<"$langs" || need+=(tesseract-ocr-eng)
grep -qx chi_sim <<<"$langs" || need+=(tesseract-ocr-chi-sim)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # the capture tests' local HTTPS site
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v pdfimages >/dev/null 2>&1 || need+=(poppler-utils)
# Font lists are read whole before they are searched: `fc-list | grep -q` under pipefail fails whenever grep
# stops reading first (fc-list dies of SIGPIPE), which would reinstall fonts that are there.
fonts="$(fc-list : family 2>/dev/null || true)"
grep -qi "Liberation Serif" <<<"$fonts" || need+=(fonts-liberation)
grep -qi "Noto Color Emoji" <<<"$fonts" || need+=(fonts-noto-color-emoji)   # emoji in DM transcripts, in colour
# Chinese, Japanese and Korean (Noto Sans/Serif CJK), and the other scripts (Arabic, Hebrew, Thai, Devanagari, …:
# the Noto Sans/Serif family of each), each checked by a character it draws, as Chromium finds fonts.
grep -qi "Noto Sans CJK" <<<"$(fc-list ':charset=4e2d' family 2>/dev/null || true)" || need+=(fonts-noto-cjk)
grep -qi "Noto" <<<"$(fc-list ':charset=0e01' family 2>/dev/null || true)" || need+=(fonts-noto-core)
# The headless shell renders cover sheets and documents (it starts in a tenth of the time); optional:
# Chromium renders them too where the shell cannot be had.
want=()
command -v chromium-headless-shell >/dev/null 2>&1 || [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] || want+=(chromium-headless-shell)
if [ ${#need[@]} -eq 0 ] && { [ ${#want[@]} -eq 0 ] || [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; }; then exit 0; fi
if [ ${#need[@]} -eq 0 ]; then
  # Only when apt already knows the package (no index update on every run for an optional package).
  if apt-cache show "${want[@]}" >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1 \
      || echo "note: ${want[*]} could not be installed; Chromium renders the cover sheets instead (slower to start)" >&2
  fi
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "exhibits needs: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "exhibits needs: ${need[*]} (no apt-get here: install them with your package manager)" >&2
  exit 1
fi
echo "Installing ${need[*]} with apt-get…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
if [ ${#want[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1 \
    || echo "note: ${want[*]} is not available here; Chromium renders the cover sheets instead (slower to start)" >&2
fi
