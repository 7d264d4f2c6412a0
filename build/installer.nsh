; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; Registers parley:// for the installing user, as the .desktop entry (Linux) and Info.plist (macOS)
; do; Parley registers it again at run time, which repairs a moved installation.
!macro customInstall
  DeleteRegKey HKCU "Software\Classes\parley"
  WriteRegStr HKCU "Software\Classes\parley" "" "URL:Parley"
  WriteRegStr HKCU "Software\Classes\parley" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\parley\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "Software\Classes\parley\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey HKCU "Software\Classes\parley"
!macroend
