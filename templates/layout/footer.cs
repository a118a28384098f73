<?cs # Shared page end; every page includes it last. ?>
</main>
<footer class="site-footer">
  <div class="site-footer-inner">
    <p class="site-footer-name">Electrotechnical Certification Scheme</p>
    <p>Administered in England, Wales and Northern Ireland by the Joint Industry Board for the
    Electrotechnical Industry, and in Scotland by the Scottish Joint Industry Board for the
    Electrical Contracting Industry.</p>
    <p>&copy; Electrotechnical Certification Scheme</p>
  </div>
</footer>
</body>
</html>
