// The report form: says at once when the date given is older than the complaints time limit.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[data-time-limit]");
  var warning = document.getElementById("late-warning");
  if (boxes.length !== 3 || !warning) {
    return;
  }
  var limit = boxes[0].dataset.timeLimit;  // YYYY-MM-DD
  function pad(value, width) {
    return ("0000" + value).slice(-width);
  }
  function check() {
    var day = parseInt(boxes[0].value, 10), month = parseInt(boxes[1].value, 10), year = parseInt(boxes[2].value, 10);
    var complete = day > 0 && month > 0 && year >= 1000;
    var given = complete ? pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) : "";
    warning.hidden = !(given && given < limit);  // ISO dates compare as strings
  }
  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("input", check);
  });
  check();
})();
