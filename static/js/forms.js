// Forms: after a failed submit, move to the summary of what to correct; count what is left in long text boxes.
(function () {
  "use strict";
  // What people type runs in its own direction: Urdu in an English page, English in an Urdu one.
  Array.prototype.forEach.call(document.querySelectorAll("textarea:not([dir]), input[type=text]:not([dir])"), function (box) {
    box.setAttribute("dir", "auto");
  });
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }
  var counted = document.querySelectorAll("textarea[maxlength]");
  Array.prototype.forEach.call(counted, function (box) {
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!limit || limit < 500) {
      return;
    }
    var counter = document.createElement("div");
    counter.className = "form-text character-count";
    counter.id = box.id + "_count";
    counter.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", counter);
    var described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var timer = null;
    function update() {
      var left = limit - box.value.length;
      var text = window.interpolate(
        window.ngettext("You have %s character left.", "You have %s characters left.", left),
        [left.toLocaleString(document.documentElement.lang)]
      );
      counter.textContent = text;
      counter.classList.toggle("text-danger", left < 100);
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);  // a screen reader hears the count once typing pauses
    });
    update();
  });
})();
