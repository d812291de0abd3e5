// DeviceLab's browser side: the little the server cannot do itself.
window.deviceLab = {
  // The browser's IANA time zone (e.g. "Europe/Berlin"), remembered in a cookie so the next page's prerender
  // already shows local times (docs/decisions/0111-viewer-local-time.md).
  viewerTimeZone() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    document.cookie = "devicelab-tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    return zone;
  },
};
