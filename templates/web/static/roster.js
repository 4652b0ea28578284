// The nurse page's status, made smoother: ask for the status page every second and show how far the
// roster is without reloading the page; once every row is done, load the page with the result.
// Nothing needs this script: without it the page reloads itself (its <noscript> refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-state]");
  if (!box || !window.fetch || !window.DOMParser) {
    return;
  }
  var progress = document.getElementById("roster-progress");
  var words = document.getElementById("progress-words");

  function check() {
    window.fetch(window.location.href, {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new window.DOMParser().parseFromString(html, "text/html");
        if (!page.querySelector("[data-job-state]")) {
          window.location.reload();  // finished (or gone): show the result
          return;
        }
        var next = page.getElementById("roster-progress");
        progress.max = next.max;
        progress.value = next.value;
        var said = page.getElementById("progress-words").textContent;
        if (words.textContent !== said) {
          words.textContent = said;
        }
        window.setTimeout(check, 1000);
      })
      .catch(function () { window.setTimeout(check, 3000); });
  }

  window.setTimeout(check, 1000);
}());
