// DeviceLab's browser side: the little the server cannot do itself.
window.deviceLab = {
  // The browser's IANA time zone (e.g. "Europe/Berlin"), remembered in a cookie so the next page's prerender
  // already shows local times (docs/decisions/0111-viewer-local-time.md).
  viewerTimeZone() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    document.cookie = "devicelab-tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    return zone;
  },

  // Sends the chosen file straight from the browser to the upload endpoint (never through the Blazor circuit, so a
  // multi-GiB GGUF streams at network speed) and reports progress to the component at most every 200 ms.
  upload(inputId, url, component) {
    const input = document.getElementById(inputId);
    const file = input && input.files && input.files[0];
    if (!file) return Promise.resolve({ status: 0, body: "Choose a file first." });
    const xhr = new XMLHttpRequest();
    window.deviceLab._uploads[inputId] = xhr;
    let last = 0;
    xhr.upload.onprogress = (e) => {
      const now = Date.now();
      if (now - last < 200 && e.loaded < e.total) return;
      last = now;
      component.invokeMethodAsync("UploadProgress", e.loaded, e.total);
    };
    return new Promise((resolve) => {
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
      xhr.onerror = () => resolve({ status: 0, body: "The connection to the server failed during the upload." });
      xhr.onabort = () => resolve({ status: -1, body: "Upload cancelled." });
      xhr.open("POST", url);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.send(file);
    }).finally(() => delete window.deviceLab._uploads[inputId]);
  },

  cancelUpload(inputId) {
    const xhr = window.deviceLab._uploads[inputId];
    if (xhr) xhr.abort();
  },

  chosenFile(inputId) {
    const input = document.getElementById(inputId);
    const file = input && input.files && input.files[0];
    return file ? { name: file.name, size: file.size } : null;
  },

  copy(text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : Promise.resolve(false);
  },

  _uploads: {},
};
