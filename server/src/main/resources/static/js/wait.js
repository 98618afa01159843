// Waits for a push approval or a call's answer without reloading the page: asks the server where it
// stands (the server holds the question until the answer comes, for as long as the page's
// data-wait-seconds says), and once it is no longer pending, loads the page that says what happened.
// Without JavaScript, the page's refresh does the same more slowly.
(function () {
    'use strict';
    var element = document.getElementById('wait');
    if (!element || !window.fetch) {
        return;
    }
    var statusUrl = element.getAttribute('data-status-url');
    var nextUrl = element.getAttribute('data-next-url');
    var waitSeconds = parseInt(element.getAttribute('data-wait-seconds'), 10) || 0;
    var retry = parseInt(element.getAttribute('data-retry-ms'), 10) || 0;
    var maxRetry = parseInt(element.getAttribute('data-max-retry-ms'), 10) || retry;
    var delay = retry;

    function check() {
        fetch(statusUrl + (statusUrl.indexOf('?') < 0 ? '?' : '&') + 'wait=' + waitSeconds, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
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
                    delay = retry;
                    window.setTimeout(check, delay);
                }
            })
            .catch(function () {
                // A network hiccup: try again, a little later each time.
                delay = Math.min(delay * 2, maxRetry);
                window.setTimeout(check, delay);
            });
    }

    window.setTimeout(check, delay);
}());
