<?cs # The four-step progress bar of an application, included by step1-4.cs
     after the page header.
     Reads: Steps.N.number/title/url/current/done (the four steps: Applicant
     Details, Qualifications & Documents, Occupations & Grading, Finalise &
     Review). The current step is highlighted (aria-current="step"); a done
     step links to its url; a step not reached yet is plain text.
     Tests: id="steps". ?>
<nav class="steps" id="steps" aria-label="Application steps">
  <ol class="steps-list">
<?cs each:s = Steps ?>
    <li class="step<?cs if:s.current ?> step-current<?cs elif:s.done ?> step-done<?cs /if ?>">
<?cs if:s.current ?>
      <span class="step-link" aria-current="step"><span class="step-number"><?cs var:s.number ?></span><span class="step-title"><span class="visually-hidden">Step <?cs var:s.number ?>: </span><?cs var:s.title ?></span></span>
<?cs elif:s.done && s.url ?>
      <a class="step-link" href="<?cs var:s.url ?>"><span class="step-number"><span aria-hidden="true">&#10003;</span><span class="visually-hidden"><?cs var:s.number ?></span></span><span class="step-title"><span class="visually-hidden">Step <?cs var:s.number ?>: </span><?cs var:s.title ?><span class="visually-hidden"> (done)</span></span></a>
<?cs else ?>
      <span class="step-link"><span class="step-number"><?cs var:s.number ?></span><span class="step-title"><span class="visually-hidden">Step <?cs var:s.number ?>: </span><?cs var:s.title ?><?cs if:s.done ?><span class="visually-hidden"> (done)</span><?cs /if ?></span></span>
<?cs /if ?>
    </li>
<?cs /each ?>
  </ol>
</nav>
