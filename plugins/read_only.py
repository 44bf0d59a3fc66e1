"""The public server only reads: any request other than GET, HEAD or OPTIONS gets 405 before it
reaches Datasette. Nothing here needs a form post (no login, no writable canned queries), and
Datasette 0.65 answers a POST to a read-only canned query with a 500."""

from datasette import hookimpl

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")],
                    }
                )
                await send({"type": "http.response.body", "body": b"405: this server is read-only\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
