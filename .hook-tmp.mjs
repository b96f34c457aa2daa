export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith('file:') && !(context.parentURL || '').includes('node_modules'))
    process.stderr.write('MOD ' + (context.parentURL || '').replace(/.*work\/main\//, '') + ' -> ' + r.url.replace(/.*work\/main\//, '') + '\n');
  return r;
}
