/**
 * What is inside the simulated images, as far as the exec shell can see: the
 * read-only image layer (base directories, nginx's and httpd's default
 * document roots) and the HTTP server each web image runs. Nothing real runs;
 * the pages are the servers' real default pages, shortened where noted.
 */

/** The image families the shell tells apart. */
export type ImageKind = 'nginx' | 'httpd' | 'busybox' | 'other';

/** Classifies an image reference by its repository name (`registry.k8s.io/nginx-slim:0.21` → nginx). */
export function imageKind(image: string): ImageKind {
  const repo = (image.split('@')[0] ?? '').replace(/:[^/:]*$/, '').split('/').pop() ?? '';
  if (repo.includes('nginx')) return 'nginx';
  if (repo.includes('httpd') || repo.includes('apache')) return 'httpd';
  if (repo.includes('busybox')) return 'busybox';
  return 'other';
}

/** The document root a web image serves, if it is one. */
export function documentRoot(kind: ImageKind): string | undefined {
  if (kind === 'nginx') return '/usr/share/nginx/html';
  if (kind === 'httpd') return '/usr/local/apache2/htdocs';
  return undefined;
}

/** The port the image's web server listens on (the stock configs listen on 80). */
export const HTTP_PORT = 80;

/** The `Server` the nginx pages name: `nginx/<tag>` for the official image's version tags, else `nginx`. */
function nginxServer(image: string): string {
  const m = /(?:^|\/)nginx:(\d+\.\d+\.\d+)/.exec(image);
  return m ? `nginx/${m[1]}` : 'nginx';
}

const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';

const COMMON_DIRS = ['/bin', '/dev', '/etc', '/home', '/lib', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/local', '/var'];
const DEBIAN_DIRS = ['/boot', '/media', '/mnt', '/opt', '/run', '/sbin', '/srv', '/usr/lib', '/usr/sbin', '/usr/share', '/var/lib', '/var/log'];

/** The image layer: directories and files every container of this image starts with. */
export interface ImageLayer {
  dirs: string[];
  files: Record<string, string>;
}

/** The read-only layer of an image. */
export function imageLayer(image: string): ImageLayer {
  const kind = imageKind(image);
  if (kind === 'busybox') return { dirs: COMMON_DIRS, files: {} };
  const dirs = [...COMMON_DIRS, ...DEBIAN_DIRS];
  if (kind === 'nginx') {
    return {
      dirs: [...dirs, '/etc/nginx', '/usr/share/nginx', '/usr/share/nginx/html', '/var/log/nginx'],
      files: { '/usr/share/nginx/html/index.html': NGINX_WELCOME, '/usr/share/nginx/html/50x.html': errorPage('nginx', 500, image) },
    };
  }
  if (kind === 'httpd') {
    return { dirs: [...dirs, '/usr/local/apache2', '/usr/local/apache2/htdocs', '/usr/local/apache2/conf'], files: { '/usr/local/apache2/htdocs/index.html': HTTPD_IT_WORKS } };
  }
  return { dirs, files: {} };
}

/** The working directory `kubectl exec` starts in (the image's WORKDIR). */
export function workingDir(image: string): string {
  return imageKind(image) === 'httpd' ? '/usr/local/apache2' : '/';
}

const REASONS: Record<number, string> = { 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/** The reason phrase of an HTTP status the simulated servers send. */
export function reasonPhrase(status: number): string {
  return status === 200 ? 'OK' : (REASONS[status] ?? '');
}

/** The `Server` header / page footer of a web image. */
export function serverName(kind: 'nginx' | 'httpd', image: string): string {
  return kind === 'nginx' ? nginxServer(image) : 'Apache/2.4';
}

/** The server's built-in page for an error or redirect status (`location` for 301). */
export function errorPage(kind: 'nginx' | 'httpd', status: 301 | 403 | 404 | 500, image: string, location = ''): string {
  const title = `${status} ${reasonPhrase(status)}`;
  if (kind === 'nginx') {
    return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>${nginxServer(image)}</center>\n</body>\n</html>\n`;
  }
  const text: Record<number, string> = {
    301: `The document has moved <a href="${location}">here</a>.`,
    403: "You don't have permission to access this resource.",
    404: 'The requested URL was not found on this server.',
    500: 'The server encountered an internal error or misconfiguration and was unable to complete your request.',
  };
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${reasonPhrase(status)}</h1>\n<p>${text[status]}</p>\n</body></html>\n`;
}

/** httpd's directory listing (`Options Indexes` is on in the stock config). */
export function httpdIndexPage(urlPath: string, entries: string[]): string {
  const items = entries.map((e) => `<li><a href="${e}"> ${e}</a></li>\n`).join('');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of ${urlPath}</title>\n </head>\n <body>\n<h1>Index of ${urlPath}</h1>\n<ul>${items}</ul>\n</body></html>\n`;
}
