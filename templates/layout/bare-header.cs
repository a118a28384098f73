<?cs # The head of a page that stands outside the portal (the demo's stand-in services):
     no masthead, toolbar or session. Reads: Page.title, Page.base. ?><!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?></title>
<link rel="stylesheet" href="<?cs var:Page.base ?>/static/portal.css">
<link rel="icon" type="image/svg+xml" href="<?cs var:Page.base ?>/static/favicon.svg">
</head>
<body class="gateway">
<main class="main" id="content">
<div class="panel panel-narrow">
