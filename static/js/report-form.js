// The report form: says at once when the date given is older than the complaints time limit.
(function () {
  "use strict";
  var input = document.querySelector("input[data-time-limit]");
  var warning = document.getElementById("late-warning");
  if (!input || !warning) {
    return;
  }
  function check() {
    // Both are ISO dates (YYYY-MM-DD), so they compare as strings.
    warning.hidden = !(input.value && input.value < input.dataset.timeLimit);
  }
  input.addEventListener("input", check);
  input.addEventListener("change", check);
  check();
})();
