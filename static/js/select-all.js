// A header checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME in its form.
document.querySelectorAll("input[data-select-all]").forEach(function (master) {
  master.addEventListener("change", function () {
    var form = master.closest("form") || document;
    form.querySelectorAll('input[type="checkbox"][name="' + master.dataset.selectAll + '"]').forEach(function (box) {
      box.checked = master.checked;
    });
  });
});
