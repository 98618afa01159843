// Waits for a push approval or a call's answer without reloading the page: asks the server where it
// stands (for a push, the server holds the question until the app answers), and once it is no longer
// pending, loads the page that says what happened. Without JavaScript, the page's refresh does the same
// more slowly.
(function () {
    'use strict';
    var element = document.getElementById('wait');
    if (!element || !window.fetch) {
        return;
    }
    var statusUrl = element.getAttribute('data-status-url');
    var nextUrl = element.getAttribute('data-next-url');
    var delay = 1000;

    function check() {
        fetch(statusUrl + (statusUrl.indexOf('?') < 0 ? '?' : '&') + 'wait=25', {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('status ' + response.status);
                }
                return response.json();
            })
            .then(function (body) {
                if (body.state && body.state !== 'PENDING') {
                    window.location.assign(nextUrl);
                } else {
                    delay = 1000;
                    window.setTimeout(check, delay);
                }
            })
            .catch(function () {
                // A network hiccup: try again, a little later each time.
                delay = Math.min(delay * 2, 10000);
                window.setTimeout(check, delay);
            });
    }

    window.setTimeout(check, delay);
}());
