// The interactive API document. The document itself needs a token (as every API route does), so
// the page asks for one, keeps it in session storage, and adds it to every request it makes.
/* global SwaggerUIBundle */
(function () {
  const KEY = 'pulse.apiToken';
  const form = document.getElementById('sign-in');

  function show(token) {
    SwaggerUIBundle({
      url: '../openapi.json',
      dom_id: '#swagger-ui',
      requestInterceptor: (request) => {
        request.headers.Authorization = 'Bearer ' + token;
        return request;
      },
      responseInterceptor: (response) => {
        if (response.status === 401 && response.url.endsWith('/openapi.json')) {
          sessionStorage.removeItem(KEY);
          form.hidden = false;
        }
        return response;
      },
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = new FormData(form).get('token');
    sessionStorage.setItem(KEY, token);
    form.hidden = true;
    show(token);
  });

  const saved = sessionStorage.getItem(KEY);
  if (saved) show(saved);
  else form.hidden = false;
})();
