/** The staff console's stylesheet, served at /staff/console.css. */
export const STAFF_CSS = `
*{box-sizing:border-box}
[hidden]{display:none !important}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;font-size:16px;line-height:1.6;color:#1a1a1a;background:#f5f6f8}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
.top{background:#0b4f8a;color:#fff;padding:12px 20px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
.top h1{font-size:20px;margin:0}.org{margin:0;font-size:14px}
.who{margin-left:auto;display:flex;gap:12px;align-items:center}
nav ul{list-style:none;margin:0;padding:0 20px;display:flex;gap:4px;background:#fff;border-bottom:1px solid #ccd}
nav a{display:inline-block;padding:10px 14px;color:#0b4f8a;text-decoration:none}
nav a[aria-current="page"]{border-bottom:3px solid #0b4f8a;font-weight:600}
main{padding:16px 20px;max-width:1100px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:18px;margin:4px 0 12px}h3{font-size:16px;margin:12px 0 8px}
label{display:inline-block;min-width:7em}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #667;border-radius:4px;min-width:16em}
textarea{width:100%;min-height:5em}
button{font:inherit;padding:6px 16px;border-radius:4px;border:1px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
button.danger{background:#a4262c;border-color:#a4262c}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
.pass{color:#1d6b2f}.fail{color:#a4262c;font-weight:600}
ol.timeline{padding-left:1.5em}ol.timeline li{margin-bottom:6px}
.actor{font-weight:600}
#status{min-height:1.6em;font-weight:600}
.error{color:#a4262c}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:#444}dd{margin:0}
fieldset{border:1px solid #dde;margin:8px 0;padding:8px 12px}
.hint{color:#444;font-size:14px}
`;
