// "Show password" next to each password field that asks for it (data-show, data-hide: the button's words), so
// that people can check what they typed. Without JavaScript the fields work as they are.
(function () {
    'use strict';
    var inputs = document.querySelectorAll('input[type=password][data-show]');
    Array.prototype.forEach.call(inputs, function (input) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button reveal';
        button.textContent = input.getAttribute('data-show');
        button.setAttribute('aria-pressed', 'false');
        button.setAttribute('aria-controls', input.id);
        button.addEventListener('click', function () {
            var shown = input.type === 'text';
            input.type = shown ? 'password' : 'text';
            button.textContent = input.getAttribute(shown ? 'data-show' : 'data-hide');
            button.setAttribute('aria-pressed', shown ? 'false' : 'true');
            input.focus();
        });
        input.insertAdjacentElement('afterend', button);
    });
}());
