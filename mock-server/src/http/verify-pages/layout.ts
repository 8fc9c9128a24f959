/** The public pages' shared look: one stylesheet and the page frame (header, main, one script). */
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  font-size: 18px; line-height: 1.5; color: #1f1f1f; background: #f5f6f8; }
header { background: #0b57d0; color: #fff; padding: 16px 20px; }
header h1 { margin: 0; font-size: 24px; }
header p { margin: 4px 0 0; font-size: 16px; }
main { max-width: 640px; margin: 0 auto; padding: 16px; }
section { background: #fff; border-radius: 12px; padding: 16px; margin-bottom: 16px; }
h2 { font-size: 20px; margin: 0 0 12px; }
label { display: block; font-weight: 600; margin-bottom: 6px; }
textarea, input[type=text] { width: 100%; font-size: 18px; padding: 10px; border: 1px solid #5f6368;
  border-radius: 8px; }
button, .file-label { display: inline-flex; align-items: center; justify-content: center; min-height: 48px;
  min-width: 48px; padding: 8px 18px; margin: 8px 8px 0 0; font-size: 18px; border-radius: 8px;
  border: 1px solid #0b57d0; background: #0b57d0; color: #fff; cursor: pointer; font-weight: 600; }
button.secondary, .file-label { background: #fff; color: #0b57d0; }
.file-label input { position: absolute; width: 1px; height: 1px; opacity: 0; }
video { width: 100%; border-radius: 8px; background: #000; }
.result { border-left: 8px solid #5f6368; }
.result.ok { border-left-color: #137333; }
.result.warn { border-left-color: #b06000; }
.result.bad { border-left-color: #b3261e; }
.verdict { font-size: 24px; font-weight: 700; margin: 0 0 8px; }
.ok .verdict { color: #137333; } .warn .verdict { color: #8a4b00; } .bad .verdict { color: #b3261e; }
dl { display: grid; grid-template-columns: 7em 1fr; gap: 6px 12px; margin: 12px 0 0; }
dt { color: #444; } dd { margin: 0; word-break: break-all; }
.hint { color: #444; font-size: 16px; }
table { width: 100%; border-collapse: collapse; font-size: 16px; }
th, td { text-align: left; padding: 8px 4px; border-bottom: 1px solid #ddd; vertical-align: top; }
a { color: #0b57d0; }
`;

export function page(title: string, intro: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 台州市不动产登记</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1><p>${intro}</p></header>
<main>
${body}
</main>
<script src="${script}" defer></script>
</body>
</html>
`;
}
