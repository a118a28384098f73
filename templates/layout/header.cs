<?cs # Shared page head, masthead and toolbar; every page includes it first.
     Reads: Page.title, Page.refresh (seconds), Page.tab, Page.base, User.name, User.level,
     Company.name, Session.csrf, Nav.N.{key,label,sections.M.{label,url,help}},
     Flash. The toolbar drop-downs are <details> elements, so they work
     without JavaScript (the Content-Security-Policy forbids scripts). ?><!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.title ?><?cs var:Page.title ?> - <?cs /if ?>ECS Employer Portal</title>
<meta name="theme-color" content="#1f4e9a">
<?cs if:Page.refresh ?><meta http-equiv="refresh" content="<?cs var:Page.refresh ?>"><?cs /if ?>
<link rel="stylesheet" href="<?cs var:Page.base ?>/static/portal.css">
<link rel="icon" type="image/svg+xml" href="<?cs var:Page.base ?>/static/favicon.svg">
</head>
<body>
<a class="skip-link" href="#content">Skip to main content</a>
<header class="masthead">
  <div class="masthead-inner">
    <a class="brand" href="<?cs var:Page.base ?>/">
      <img class="brand-logo" src="<?cs var:Page.base ?>/static/ecs-logo.svg" alt="ECS" width="92" height="40">
      <span class="brand-name">Employer Portal</span>
    </a>
<?cs if:User.name ?>
    <div class="account">
      <p class="account-who">
        <a class="account-name" id="my-account" href="<?cs var:Page.base ?>/account"><?cs var:User.name ?></a>
        <span class="account-where"><span class="account-company"><?cs var:Company.name ?></span><?cs if:User.level ?> <span class="account-level"><?cs var:User.level ?></span><?cs /if ?></span>
      </p>
      <form class="signout" method="post" action="<?cs var:Page.base ?>/logout">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <button class="btn btn-signout" type="submit">Sign out</button>
      </form>
    </div>
<?cs /if ?>
  </div>
</header>
<?cs if:?Nav.0.key ?>
<nav class="toolbar" aria-label="Portal sections">
  <ul class="toolbar-list">
    <li class="toolbar-item">
      <a class="toolbar-home<?cs if:Page.tab == "dashboard" ?> is-active<?cs /if ?>" href="<?cs var:Page.base ?>/dashboard"<?cs if:Page.tab == "dashboard" ?> aria-current="page"<?cs /if ?>>Dashboard</a>
    </li>
<?cs each:tab = Nav ?>
    <li class="toolbar-item">
      <details class="toolbar-menu<?cs if:Page.tab == tab.key ?> is-active<?cs /if ?>" name="toolbar">
        <summary<?cs if:Page.tab == tab.key ?> aria-current="true"<?cs /if ?>><?cs var:tab.label ?></summary>
        <ul class="toolbar-sections">
<?cs each:section = tab.sections ?>
          <li>
            <a href="<?cs var:section.url ?>"><?cs var:section.label ?></a>
<?cs if:section.help ?>
            <span class="toolbar-help"><?cs var:section.help ?></span>
<?cs /if ?>
          </li>
<?cs /each ?>
        </ul>
      </details>
    </li>
<?cs /each ?>
  </ul>
</nav>
<?cs /if ?>
<main id="content" class="main" tabindex="-1">
<?cs if:Flash ?>
<div class="notice notice-flash" role="status"><?cs var:Flash ?></div>
<?cs /if ?>
