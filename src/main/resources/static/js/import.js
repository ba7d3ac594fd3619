// The import page's progress bar: a large file's upload shows its progress, then the bar waits for the dry run or
// the application (the server answers with the whole result page, which then replaces this one).
(function () {
    'use strict';
    var progress = document.getElementById('progress');
    var bar = document.getElementById('progress-bar');
    function send(form) {
        var request = new XMLHttpRequest();
        request.open('POST', form.action);
        request.upload.onprogress = function (e) {
            if (e.lengthComputable) {
                bar.value = Math.round(100 * e.loaded / e.total);
            }
        };
        request.upload.onload = function () {
            bar.removeAttribute('value'); // indeterminate while the server works
        };
        request.onload = function () {
            document.open();
            document.write(request.responseText);
            document.close();
        };
        request.onerror = function () {
            form.submit();
        };
        request.send(new FormData(form));
        progress.hidden = false;
    }
    ['upload-form', 'apply'].forEach(function (id) {
        var form = document.getElementById(id);
        if (form && window.FormData && window.XMLHttpRequest) {
            form.addEventListener('submit', function (e) {
                e.preventDefault();
                send(form);
            });
        }
    });
})();
