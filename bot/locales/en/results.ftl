result-read-as =
    { $modality ->
        [mammography] I read this as a mammogram
        [ultrasound] I read this as a breast ultrasound image
       *[other] I read this as an image
    } ({ $format ->
        [dicom] DICOM file
        [png] PNG image
        [jpeg] JPEG image
       *[other] image
    }, { $width }×{ $height } pixels).
result-probability =
    { $modality ->
        [mammography] Model output: probability { $probability }: about { $percent } in 100 that the image shows an abnormality (benign or malignant) that needs a closer look.
        [ultrasound] Model output: probability { $probability }: about { $percent } in 100 that the image shows a malignant (cancerous) lesion.
       *[other] Model output: probability { $probability }: about { $percent } in 100 that the image shows an abnormality.
    }
result-suspicion =
    { $band ->
        [low] Suspicion: LOW. Next steps: a low result does not rule anything out. Keep to your usual screening, and see a doctor or nurse if you have symptoms or notice any change.
        [high] Suspicion: HIGH. Next steps: please see a doctor or breast clinic soon (within two weeks) and bring this image. Many images flagged like this turn out not to be cancer, but this one needs a clinician.
       *[intermediate] Suspicion: INTERMEDIATE. Next steps: please ask a doctor or nurse to look at this image and at you.
    }
result-heatmap-note = The coloured areas on the picture show where the model looked. They are not a diagnosis.
result-for-processing = Note: this DICOM is a 'for processing' (raw) image; results on raw images are less reliable.
image-unreadable = This image could not be read. Please send it again as JPEG, PNG or DICOM.
image-unsupported-format = This file type is not supported. Please send the image as JPEG, PNG or DICOM (a photo or a file straight from the imaging system).
image-sent-format =
    { $sent ->
        [pdf] This looks like a PDF document, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [gif] This looks like a GIF image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [tiff] This looks like a TIFF image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [zip] This looks like a ZIP archive or an Office document, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [gzip] This looks like a compressed (gzip) archive, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [jpeg2000] This looks like a JPEG 2000 image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [rtf] This looks like an RTF document, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [heic] This looks like a HEIC photo (the iPhone camera format), which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [avif] This looks like an AVIF image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [video] This looks like a video file, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [webp] This looks like a WebP image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [html] This looks like a web page (HTML), which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [svg] This looks like an SVG drawing, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [text] This looks like a text file, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
        [bmp] This looks like a BMP image, which cannot be analysed. Please send the image as JPEG, PNG or DICOM.
       *[other] This file type is not supported. Please send the image as JPEG, PNG or DICOM (a photo or a file straight from the imaging system).
    }
image-dicom-compression = This DICOM file uses a compression that cannot be read here. Please export it uncompressed or send it as PNG or JPEG.
image-corrupt = This image seems damaged or incomplete, so it could not be opened. Please send it again, ideally as a file (not compressed).
image-dicom-without-pixels = This DICOM file does not contain an image (it may be a report or other data). Please send the DICOM file of the image itself.
image-multi-frame = This DICOM file holds several images (for example a tomosynthesis stack or a video). Please send a single 2-D image, such as one mammogram view.
image-too-large = This image is too large to process. Please send a smaller version (for example a screenshot or an export at lower resolution).
image-too-small = This image is too small to analyse. Please send the original image at full size, not a thumbnail.
image-not-breast = This does not look like a mammogram or breast ultrasound image. Please send a mammogram (X-ray of the breast) or a breast ultrasound image, ideally the file from the imaging system or a clear photo of the whole image.
image-unusable-photo = This photo cannot be read well enough. Please take it again: lay the film flat on a bright window or light box, switch the flash off, hold the phone straight above it and fill the frame with the whole film.
photo-retake =
    { $problem ->
        [dark] This photo is too dark to read the film. Please take it again with the film held up to a bright window or on a light box, and the room lights on.
        [glare] A bright reflection covers the breast in this photo. Please take it again with the flash switched off, tilting the phone a little so that no lamp or window shines back from the film or screen.
        [cut_off] Part of the film is outside this photo. Please take it again from a little further away so that all four edges of the film (or the screen) are in the picture, and fill the frame with it.
        [blurred] This photo is too blurred to read. Please take it again holding the phone still, parallel to the film, and tap the screen on the film to focus before you take it.
       *[other] This photo cannot be read well enough. Please take it again: lay the film flat on a bright window or light box, switch the flash off, hold the phone straight above it and fill the frame with the whole film.
    }
history-line =
    { $trained ->
        [no] • { $date }: { $format ->
            [dicom] DICOM file
            [png] PNG image
            [jpeg] JPEG image
           *[other] image
        }, model output { $probability } (about { $percent } in 100), untrained model: means nothing
       *[yes] • { $date }: { $format ->
            [dicom] DICOM file
            [png] PNG image
            [jpeg] JPEG image
           *[other] image
        }, model output { $probability } (about { $percent } in 100)
    }
history-line-failed =
    { $status ->
        [timeout] • { $date }: no result (it took too long)
        [refused] • { $date }: no result (the image could not be analysed)
        [queued] • { $date }: no result yet (still being read)
       *[failed] • { $date }: no result (it failed on our side)
    }
