// A Print button: the browser's own print dialog (no inline script is allowed on Verrou's pages).
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
