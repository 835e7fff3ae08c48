// Article page: copy link, print, and a view count that leaves the page itself cacheable.
(function () {
  "use strict";
  var article = document.querySelector("article[data-view-url]");
  if (!article) return;
  var status = article.querySelector(".copy-status");
  var copy = article.querySelector(".copy-link");
  if (copy) {
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-url");
      var done = function () { status.textContent = "Đã sao chép liên kết."; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(done, function () { window.prompt("", url); });
      } else {
        window.prompt("", url);
      }
    });
  }
  // On phones the system share sheet reaches Zalo without loading Zalo's SDK (blocked by CSP).
  var native = article.querySelector(".share-native");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.getAttribute("data-title"), url: native.getAttribute("data-url") }).catch(function () {});
    });
  }
  var print = article.querySelector(".print-page");
  if (print) print.addEventListener("click", function () { window.print(); });
  try {
    var key = "viewed:" + article.getAttribute("data-view-url");
    if (!window.sessionStorage.getItem(key)) {
      window.sessionStorage.setItem(key, "1");
      fetch(article.getAttribute("data-view-url"), { method: "POST", credentials: "omit", keepalive: true });
    }
  } catch (error) { /* private mode: no count, no harm */ }
})();
