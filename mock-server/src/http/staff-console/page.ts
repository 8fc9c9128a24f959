/**
 * The staff console at /staff: one small HTML page; its stylesheet is in styles.ts and its script
 * (talking to /api/v1/staff/*) in script.ts.
 */
export const STAFF_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作人员控制台 · 台州市不动产登记服务中心</title>
<link rel="stylesheet" href="/staff/console.css">
<script src="/staff/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="top">
  <p class="org">台州市不动产登记服务中心</p>
  <h1>工作人员控制台</h1>
  <div id="who" class="who" hidden>
    <span id="who-name"></span>
    <button type="button" id="logout">退出登录</button>
  </div>
</header>
<nav id="nav" aria-label="控制台栏目" hidden><ul id="nav-list"></ul></nav>
<main id="main" tabindex="-1">
  <section id="login-section" aria-labelledby="login-title">
    <h2 id="login-title">工作人员登录</h2>
    <form id="login-form" novalidate>
      <p><label for="username">用户名</label>
        <input id="username" name="username" autocomplete="username" required></p>
      <p><label for="password">密码</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
      <p><button type="submit">登录</button></p>
    </form>
  </section>
  <div id="view"></div>
  <p id="status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;
